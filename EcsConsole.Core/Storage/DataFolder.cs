namespace EcsConsole.Core.Storage;

/// <summary>The app's data folder, resolved and created once at start-up.</summary>
public sealed class DataFolder
{
    public DataFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Folder(string name)
    {
        var folder = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
