namespace EcsConsole.Core.Storage;

/// <summary>Where the app keeps its own files, and which database it uses.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Folder for the database, sandbox state and data-protection keys; relative to the content root.</summary>
    public string DataPath { get; set; } = "data";

    /// <summary>Sqlite (default, a file in the data folder) or Postgres.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Connection string for Postgres; for Sqlite, empty means "ecsconsole.db" in the data folder.</summary>
    public string? ConnectionString { get; set; }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
