using LoginOrchestrator.Api.Configuration;
using LoginOrchestrator.Api.Dashboard;
using LoginOrchestrator.Api.Health;
using LoginOrchestrator.Api.Login;
using LoginOrchestrator.Api.Security;
using LoginOrchestrator.Api.Sessions;
using LoginOrchestrator.Api.Settings;

var builder = WebApplication.CreateBuilder(args);

builder.AddHttpDefaults();
builder.AddTrustedProxies();
builder.AddPersistence();
builder.AddStores();
builder.AddSettings();
builder.AddWeCom();
builder.AddLogin();
builder.AddDelivery();
builder.Services.AddJobsDashboard();

var app = builder.Build();

await app.PrepareDatabaseAsync();
app.ScheduleHousekeeping();

app.UseForwardedHeaders();
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<LoginRateLimits>();
app.UseRequestLocalization();
app.UseAuthentication();
app.UseAuthorization();

var api = app.MapGroup("/api/v1");
api.MapLoginFlows();
api.MapSession();
api.MapAdminSettings();
api.MapDashboardSession();
app.MapJobsDashboard();
app.MapHealth();
app.MapOpenApi();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
