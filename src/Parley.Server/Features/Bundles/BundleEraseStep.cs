using Microsoft.Extensions.Options;
using Parley.Server.Features.Files;
using Parley.Server.Platform.Pipeline;
using Parley.Server.Storage;

namespace Parley.Server.Features.Bundles;

/// <summary>
/// An erased bundle message takes its snapshot with it as it takes its files: at once when Parley:Files:OnMessageErased
/// is Delete (the default) or on a retention purge; with Keep the snapshot stays, unread, until the purge.
/// (Retention also removes the snapshots of messages erased earlier: MessageService.PurgeAsync.)
/// </summary>
public sealed class BundleEraseStep(IOptions<FilesOptions> files) : IMessageWriteStep
{
    public int Order => 210;

    public void AfterErase(WriteContext w, MessageChange change)
    {
        if (change.Purged || files.Value.OnMessageErased == ErasePolicies.Delete) BundleStore.Remove(w, [change.MessageId]);
    }
}
