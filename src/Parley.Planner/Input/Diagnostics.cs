using System.Globalization;
using Parley.Planner.Output;

namespace Parley.Planner.Input;

/// <summary>
/// Collects every error and warning of one run, so the user sees all problems at once
/// instead of fixing them one round-trip at a time.
/// </summary>
internal sealed class Diagnostics
{
    private readonly List<PlanError> _errors = [];
    private readonly List<string> _warnings = [];
    private readonly List<PlanNotice> _notices = [];

    public IReadOnlyList<PlanError> Errors => _errors;
    public IReadOnlyList<string> Warnings => _warnings;
    public IReadOnlyList<PlanNotice> Notices => _notices;
    public bool HasErrors => _errors.Count > 0;

    public void Error(string pointer, string message)
    {
        // The same missing price can be needed by several years; report it once.
        if (!_errors.Exists(e => e.Pointer == pointer && e.Message == message))
        {
            _errors.Add(new PlanError(pointer, message));
        }
    }

    /// <summary>
    /// A warning as English text (reports, CLI) and as a stable code with arguments, which a client words in the
    /// reader's language (the web planner: features/planner/notices.ts).
    /// </summary>
    public void Warn(string code, string message, params (string Name, object? Value)[] args)
    {
        if (!_warnings.Contains(message))
        {
            _warnings.Add(message);
            _notices.Add(new PlanNotice(code, args.ToDictionary(a => a.Name, a => Convert.ToString(a.Value, CultureInfo.InvariantCulture) ?? "")));
        }
    }
}
