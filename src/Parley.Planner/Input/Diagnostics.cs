namespace Parley.Planner.Input;

/// <summary>
/// Collects every error and warning of one run, so the user sees all problems at once
/// instead of fixing them one round-trip at a time.
/// </summary>
internal sealed class Diagnostics
{
    private readonly List<PlanError> _errors = [];
    private readonly List<string> _warnings = [];

    public IReadOnlyList<PlanError> Errors => _errors;
    public IReadOnlyList<string> Warnings => _warnings;
    public bool HasErrors => _errors.Count > 0;

    public void Error(string pointer, string message)
    {
        // The same missing price can be needed by several years; report it once.
        if (!_errors.Exists(e => e.Pointer == pointer && e.Message == message))
        {
            _errors.Add(new PlanError(pointer, message));
        }
    }

    public void Warn(string message)
    {
        if (!_warnings.Contains(message))
        {
            _warnings.Add(message);
        }
    }
}
