namespace Parley.Server.Features.Compliance;

/// <summary>Parley:Compliance — what is kept for compliance users.</summary>
public sealed class ComplianceOptions
{
    public const string Section = "Parley:Compliance";

    /// <summary>
    /// Keep the text a message had before each edit, deletion or recall, readable by compliance.read holders through
    /// the archive API (the 会话存档 pattern). Off: an edited or erased text is gone for everyone.
    /// </summary>
    public bool KeepMessageHistory { get; set; } = true;
}
