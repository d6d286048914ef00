using LoginOrchestrator.Api.Login;

namespace LoginOrchestrator.Api.Recovery;

public sealed record IdentifyRequest(string? UserId) : IFlowRequest
{
    public Dictionary<string, string[]> Check() => FlowRequestRules.Check(this);
}

public sealed record NewPasswordRequest(string? Password) : IFlowRequest
{
    public Dictionary<string, string[]> Check() => FlowRequestRules.Check(this);
}
