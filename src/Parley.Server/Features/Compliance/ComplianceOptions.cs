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

    /// <summary>
    /// Draw the viewer's name and today's date faintly over every conversation in the web client, so a screenshot or
    /// a photo of the screen names who took it (a deterrent, not a control: a modified client can leave it out).
    /// </summary>
    public bool Watermark { get; set; }
}
