namespace Parley.Server.Features.Compliance.Export;

/// <summary>Which writer makes an export's zip (column <c>compliance_exports.kind</c>).</summary>
public static class ExportKinds
{
    /// <summary>E-discovery: messages by range, senders and conversations (<see cref="ExportWriter"/>).</summary>
    public const string Compliance = "compliance";

    /// <summary>One user's own data (PIPL/GDPR access request, <see cref="PersonalData.PersonalExportWriter"/>).</summary>
    public const string Personal = "personal";
}
