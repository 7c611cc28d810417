using Parley.Planner.Input;
using Parley.Planner.Output;

namespace Parley.Planner;

/// <summary>Either a plan or every validation error found in the input (never both).</summary>
public sealed record PlanOutcome(PlanResult? Result, IReadOnlyList<PlanError> Errors)
{
    public bool Succeeded => Result is not null;

    /// <summary>The plan (planner-output.v1) or <c>{"errors": [{"pointer", "message"}]}</c>, snake_case.</summary>
    public string ToJson() => Result is { } result
        ? result.ToJson()
        : System.Text.Json.JsonSerializer.Serialize(new { errors = Errors }, PlannerJson.Options);
}
