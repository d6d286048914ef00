namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>
/// Sends a recovery flow's code in the background: the job finds the account, its verified contact and the daily caps,
/// so the request that asked does the same work whether the user id names an account or not.
/// </summary>
public interface IRecoveryCodeQueue
{
    /// <param name="send">The flow's send number: a job of an older send finds itself superseded and sends nothing.</param>
    void Queue(string flowId, int send);
}
