using System.Text.Json;
using StackExchange.Redis;

namespace LoginOrchestrator.Stores.Redis;

/// <summary>
/// Records kept in Redis as JSON, written and read as the UTF-8 Redis holds: no UTF-16 string is made and parsed back
/// (a flow is read on every request on it, a session on every signed-in request).
/// </summary>
internal static class RedisJson
{
    public static RedisValue Write<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value);

    public static T Read<T>(RedisValue json) => JsonSerializer.Deserialize<T>(((ReadOnlyMemory<byte>)json).Span)!;
}
