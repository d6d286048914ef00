using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Metadata;

namespace LoginOrchestrator.Stores.Database;

/// <summary>
/// A compiled query per database model: EF Core compiles a query for the model of the first context it runs on, and one
/// process may hold both providers' models (SQLite and MariaDB: the tests, the migrate command).
/// </summary>
public sealed class CompiledQueries<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new(ReferenceEqualityComparer.Instance);

    public TQuery For(LoginDbContext db) => _byModel.GetOrAdd(db.Model, _ => compile());
}
