using System.Text;
using MySqlConnector;

namespace LoginOrchestrator.Bench.Load;

/// <summary>Users and settings straight into the tables the API under test has just migrated.</summary>
public sealed class BenchDatabase(string connectionString)
{
    /// <summary>Agents <c>{prefix}0…</c>, in <paramref name="departments"/>, with a mailbox each when <paramref name="emailFor"/> says so.</summary>
    public async Task AddUsersAsync(string prefix, int count, string passwordHash, string departments = "", Func<int, string>? emailFor = null)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        const int RowsPerInsert = 500;
        for (var first = 0; first < count; first += RowsPerInsert)
        {
            var rows = Enumerable.Range(first, Math.Min(RowsPerInsert, count - first)).ToList();
            var sql = new StringBuilder("""
                INSERT INTO user_account (UserId, NormalizedUserId, Name, Role, Disabled, PasswordHash, Email, Departments, Language, TotpEnabled, TotpLastStep, CreatedAt, UpdatedAt) VALUES
                """);
            await using var insert = new MySqlCommand { Connection = connection };
            insert.Parameters.AddWithValue("@hash", passwordHash);
            insert.Parameters.AddWithValue("@departments", departments);
            foreach (var i in rows)
            {
                sql.Append(i == first ? "" : ",").Append($"(@id{i}, @id{i}, @id{i}, 'agent', 0, @hash, @email{i}, @departments, 'zh-CN', 0, 0, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))");
                insert.Parameters.AddWithValue($"@id{i}", $"{prefix}{i}");
                insert.Parameters.AddWithValue($"@email{i}", emailFor?.Invoke(i));
            }
            insert.CommandText = sql.ToString();
            await insert.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A global setting, as the admin API would store it (value as JSON).</summary>
    public async Task SetSettingAsync(string @namespace, string key, string jsonValue)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var setting = new MySqlCommand("""
            INSERT INTO setting (MetaId, Value, Enabled, UpdatedBy, CreatedAt, UpdatedAt)
            SELECT Id, @value, 1, 'bench', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM setting_meta WHERE Namespace = @ns AND `Key` = @key
            """, connection);
        setting.Parameters.AddWithValue("@ns", @namespace);
        setting.Parameters.AddWithValue("@key", key);
        setting.Parameters.AddWithValue("@value", jsonValue);
        await setting.ExecuteNonQueryAsync();
    }
}
