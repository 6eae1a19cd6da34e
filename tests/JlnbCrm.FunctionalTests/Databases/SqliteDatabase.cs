using JlnbCrm.Database;
using Microsoft.Data.Sqlite;

namespace JlnbCrm.FunctionalTests.Databases;

/// <summary>A throw-away SQLite file, as the embedded default uses.</summary>
public class SqliteDatabase : TestDatabase
{
    private string _folder = "";

    public override CrmProvider Provider => CrmProvider.Sqlite;

    protected override Task<CrmStore> CreateAsync()
    {
        _folder = Directory.CreateTempSubdirectory("jlnbcrm-test-").FullName;
        return Task.FromResult(CrmDatabase.Resolve(null, _folder));
    }

    protected override Task DropAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
