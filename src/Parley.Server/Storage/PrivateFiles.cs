namespace Parley.Server.Storage;

/// <summary>
/// Everything under the data folder (the SQLite database and its WAL, file blobs, upload staging, keys) is readable
/// by the server's user only: folders 0700, files 0600, whatever the umask. With the usual umask 022 they were created
/// 0644/0755, so any local account could read every message and file (issue 13). The systemd unit also sets
/// <c>UMask=0077</c>; this covers every other way of running the server.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode OwnerDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the folder (and missing parents) owner-only; an existing folder is restricted too.</summary>
    public static DirectoryInfo CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows()) return Directory.CreateDirectory(path);
        var directory = Directory.CreateDirectory(path, OwnerDirectory);
        Restrict(directory.FullName, OwnerDirectory);
        return directory;
    }

    /// <summary>Options for a new file that only the server's user can read, even before its first byte.</summary>
    public static FileStreamOptions NewFile(FileMode mode, FileAccess access, FileShare share, bool useAsync = false)
    {
        var options = new FileStreamOptions
        {
            Mode = mode, Access = access, Share = share, BufferSize = 81920,
            Options = useAsync ? FileOptions.Asynchronous : FileOptions.None,
        };
        if (!OperatingSystem.IsWindows() && mode != FileMode.Open) options.UnixCreateMode = OwnerFile;
        return options;
    }

    /// <summary>Creates an empty owner-only file unless one exists (another process may create it first).</summary>
    public static void CreateEmpty(string path)
    {
        try
        {
            using var _ = new FileStream(path, NewFile(FileMode.CreateNew, FileAccess.Write, FileShare.None));
        }
        catch (IOException) when (File.Exists(path))
        {
        }
    }

    /// <summary>Restricts an existing file or folder (one made by an older version, or by SQLite); missing is fine.</summary>
    public static void Restrict(string path, UnixFileMode mode = OwnerFile)
    {
        if (OperatingSystem.IsWindows() || !Path.Exists(path)) return;
        if ((File.GetUnixFileMode(path) & ~mode) != 0) File.SetUnixFileMode(path, mode);
    }
}
