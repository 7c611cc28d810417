namespace Parley.Planner.Input;

/// <summary>One problem with the scenario, located by a JSON pointer (RFC 6901) into the input document.</summary>
public sealed record PlanError(string Pointer, string Message)
{
    public override string ToString() => $"{(Pointer.Length == 0 ? "/" : Pointer)}: {Message}";
}
