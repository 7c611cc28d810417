namespace Parley.Server.Features.Files;

/// <summary>
/// Where file bytes live. Keys are server-made (random, never derived from user input), so
/// implementations need not sanitize them. Bytes are written here before the metadata row is
/// committed; a crash between the two leaves an unreferenced blob, never a row without bytes.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores the content of a finished local file under <paramref name="key"/>. The file may be moved, not copied.</summary>
    Task PutFileAsync(string key, string path, string contentType, CancellationToken cancellationToken);

    /// <summary>Opens <paramref name="length"/> bytes from <paramref name="offset"/>; null when the key does not exist.</summary>
    Task<Stream?> OpenReadAsync(string key, long offset, long length, CancellationToken cancellationToken);

    /// <summary>Removes the key; a missing key is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
