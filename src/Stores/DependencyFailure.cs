using System.Data.Common;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores;

/// <summary>
/// Whether an exception means MariaDB, SQLite or Redis failed, wherever in its chain EF Core or a driver put it: EF Core
/// wraps a dropped MySQL connection in an <see cref="InvalidOperationException"/> ("likely due to a transient failure").
/// </summary>
public static class DependencyFailure
{
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // RedisCommandException (a command Redis refused before running it, e.g. CROSSSLOT) is no RedisException.
            if (e is DbException or DbUpdateException or RetryLimitExceededException or RedisException or RedisCommandException
                or TimeoutException or SocketException)
                return true;
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(Is)) return true;
        }
        return false;
    }
}
