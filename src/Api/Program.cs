using LoginOrchestrator.Api.ApiKeys;
using LoginOrchestrator.Api.Sync;
using LoginOrchestrator.Api.Recovery;
using LoginOrchestrator.Api.Account;
using LoginOrchestrator.Api.AdminClients;
using LoginOrchestrator.Api.AdminSettings;
using LoginOrchestrator.Api.AdminUsers;
using LoginOrchestrator.Api.Audit;
using LoginOrchestrator.Api.Dashboard;
using LoginOrchestrator.Api.Health;
using LoginOrchestrator.Api.Hosting;
using LoginOrchestrator.Api.Login;
using LoginOrchestrator.Api.Oidc;
using LoginOrchestrator.Api.OpenApi;
using LoginOrchestrator.Api.RateLimits;
using LoginOrchestrator.Api.Security;
using LoginOrchestrator.Api.Sessions;

// `-- admin …` and `-- migrate` are an operator's commands, not configuration.
var command = AdminCommand.IsInvoked(args) || MigrateCommand.IsInvoked(args);
var builder = WebApplication.CreateBuilder(command ? [] : args);

// Under systemd only (deploy/systemd): Type=notify readiness once started, journal-formatted logs. Elsewhere nothing.
builder.Services.AddSystemd();
builder.AddHttpDefaults();
builder.Services.AddFrontendCors();
builder.AddTrustedProxies();
builder.AddTelemetry();
builder.AddPersistence();
builder.AddStores();
builder.AddSettings();
builder.AddWeCom();
builder.AddLogin();
builder.AddDelivery();
builder.AddOidcProvider();
builder.Services.AddJobsDashboard();

var app = builder.Build();

if (MigrateCommand.IsInvoked(args)) return await MigrateCommand.RunAsync(app.Services, args);
await app.PrepareDatabaseAsync(required: AdminCommand.IsInvoked(args));
if (AdminCommand.IsInvoked(args)) return await AdminCommand.RunAsync(app.Services, args);
await app.LoadOidcKeysAsync();

app.UseForwardedHeaders();
app.UsePublicHost();
app.UseHsts();
app.UseSecurityHeaders();
// The login, account and admin pages (wwwroot): `/`, `/account/`, `/admin/`.
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseExceptionHandler();
app.UseRequestTimeouts();
app.UseStatusCodePages();
app.UseFrontendCors();
app.UseRateLimiter();
app.UseRequestLocalization();
app.UseOidcKeyGate();
app.UseAuthentication();
app.UseAuthorization();

var api = app.MapGroup("/api/v1");
api.MapLoginFlows();
api.MapRecoveryFlows();
api.MapDirectory();
api.MapApiKeys();
api.MapSession();
api.MapSessionLists();
api.MapAccount();
api.MapUserPasskeys();
api.MapAdminUsers();
api.MapAdminClients();
api.MapAdminAudit();
api.MapRateLimitRefusals();
api.MapAdminSettings();
api.MapDashboardSession();
app.MapJobsDashboard();
app.MapHealth();
app.MapMetrics();
app.MapOidc();
app.MapApiDocument();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
