namespace LoginOrchestrator.Stores.InProcess;

/// <summary>This instance's count of requests in the current minute (the global limit): taken, or given back when another limit refuses.</summary>
public sealed class InstanceWindow
{
    private readonly Lock _gate = new();
    private long _window = -1;
    private int _count;

    public bool TryTake(long window, int limit)
    {
        lock (_gate)
        {
            if (window != _window) (_window, _count) = (window, 0);
            if (_count >= limit) return false;
            _count++;
            return true;
        }
    }

    public void GiveBack(long window)
    {
        lock (_gate)
        {
            if (window == _window && _count > 0) _count--;
        }
    }
}
