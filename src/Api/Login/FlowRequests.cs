namespace LoginOrchestrator.Api.Login;

public sealed record CreateFlowRequest(string? ReturnTo);

/// <summary>A body the login flows group checks for shape before its handler runs (<see cref="FlowRequestValidation"/>).</summary>
public interface IFlowRequest
{
    /// <summary>Every violation, by field; empty when the body is well formed.</summary>
    Dictionary<string, string[]> Check();
}

public sealed record PasswordRequest(string? UserId, string? Password) : IFlowRequest
{
    public Dictionary<string, string[]> Check() => FlowRequestRules.Check(this);
}

/// <param name="RememberDevice">With a second factor: skip it on this device from now on (when the flow offers the field).</param>
public sealed record CodeRequest(string? Code, bool? RememberDevice = null) : IFlowRequest
{
    public Dictionary<string, string[]> Check() => FlowRequestRules.Check(this);
}

public sealed record BindRequest(string? Channel, string? Target) : IFlowRequest
{
    public Dictionary<string, string[]> Check() => FlowRequestRules.Check(this);
}

/// <summary>Field rules of the flow actions; every violation is named so the form can show it.</summary>
public static class FlowRequestRules
{
    public const int MaxUserIdLength = 64;
    public const int MaxPasswordLength = 1024;
    public const int MaxCodeLength = 32;
    public const int MaxTargetLength = 254;

    public static Dictionary<string, string[]> Check(PasswordRequest body)
    {
        var errors = new Dictionary<string, string[]>();
        Text(errors, "userId", body.UserId, MaxUserIdLength);
        Text(errors, "password", body.Password, MaxPasswordLength, allowControl: false);
        return errors;
    }

    public static Dictionary<string, string[]> Check(CodeRequest body)
    {
        var errors = new Dictionary<string, string[]>();
        Text(errors, "code", body.Code, MaxCodeLength);
        return errors;
    }

    public static Dictionary<string, string[]> Check(BindRequest body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Channel is not ("email" or "sms")) errors["channel"] = ["Must be \"email\" or \"sms\"."];
        Text(errors, "target", body.Target, MaxTargetLength);
        return errors;
    }

    public static Dictionary<string, string[]> Check(Recovery.IdentifyRequest body)
    {
        var errors = new Dictionary<string, string[]>();
        Text(errors, "userId", body.UserId, MaxUserIdLength);
        return errors;
    }

    /// <summary>Only the shape here: the password rules are the recovery step's, named in its answer.</summary>
    public static Dictionary<string, string[]> Check(Recovery.NewPasswordRequest body)
    {
        var errors = new Dictionary<string, string[]>();
        Text(errors, "password", body.Password, MaxPasswordLength);
        return errors;
    }

    private static void Text(Dictionary<string, string[]> errors, string field, string? value, int maxLength, bool allowControl = false)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = ["Required."];
        else if (value.Length > maxLength) errors[field] = [$"At most {maxLength} characters."];
        else if (!allowControl && value.Any(char.IsControl)) errors[field] = ["Control characters are not allowed."];
    }
}
