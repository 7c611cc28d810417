using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Planner.Input;
using Parley.Planner.Output;
using Parley.Planner.Pricing;

namespace Parley.Planner;

/// <summary>
/// <c>parley plan --input scenario.json [--catalog catalog.json] [--format table|json|csv|md]</c>, without a server
/// or database. Exit codes: 0 success; 1 a file could not be read; 2 the input (or an option) is invalid, with one
/// line per JSON pointer on stderr.
/// </summary>
public static class PlannerCli
{
    public const int Success = 0;
    public const int UnreadableFile = 1;
    public const int InvalidInput = 2;

    public static int Run(string inputPath, string? catalogPath, string? capacityProfilePath, string format, TextWriter stdout, TextWriter stderr) =>
        Run(inputPath, catalogPath, capacityProfilePath, format, stdout, stderr, TimeProvider.System);

    /// <param name="clock">Supplies today's date for stale-price warnings (a scenario's meta.as_of takes precedence).</param>
    public static int Run(string inputPath, string? catalogPath, string? capacityProfilePath, string format, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(clock);
        format = string.IsNullOrEmpty(format) ? "table" : format.ToLowerInvariant();
        if (!ReportFormatter.Formats.Contains(format))
        {
            stderr.WriteLine($"parley plan: unknown --format \"{format}\"; expected one of {string.Join(", ", ReportFormatter.Formats)}");
            return InvalidInput;
        }

        if (!TryReadText(inputPath, "--input", stderr, out var inputText))
        {
            return UnreadableFile;
        }

        JsonNode? input;
        try
        {
            input = JsonNode.Parse(inputText, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            stderr.WriteLine($"parley plan: {inputPath} is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {ex.Message}");
            return InvalidInput;
        }

        PriceCatalog? userCatalog = null;
        if (catalogPath is not null)
        {
            if (!TryReadText(catalogPath, "--catalog", stderr, out var catalogText))
            {
                return UnreadableFile;
            }

            var errors = new List<PlanError>();
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(catalogText));
            userCatalog = PriceCatalog.Parse(stream, errors);
            if (errors.Count > 0)
            {
                ReportErrors(stderr, catalogPath, errors);
                return InvalidInput;
            }
        }

        var profile = CapacityProfile.LoadDefault();
        if (capacityProfilePath is not null)
        {
            if (!TryReadText(capacityProfilePath, "capacity profile", stderr, out var profileText))
            {
                return UnreadableFile;
            }

            var errors = new List<PlanError>();
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(profileText));
            var loaded = CapacityProfile.Parse(stream, errors);
            if (loaded is null)
            {
                ReportErrors(stderr, capacityProfilePath, errors);
                return InvalidInput;
            }

            profile = loaded;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var outcome = PlannerEngine.Plan(input, userCatalog, profile, today);
        if (outcome.Result is not { } result)
        {
            ReportErrors(stderr, inputPath, outcome.Errors);
            return InvalidInput;
        }

        stdout.Write(ReportFormatter.Format(result, format));
        // table and md print warnings inside the report; json carries them as data; csv has no place for them.
        if (format == "csv")
        {
            foreach (var warning in result.Warnings)
            {
                stderr.WriteLine("warning: " + warning);
            }
        }

        return Success;
    }

    private static void ReportErrors(TextWriter stderr, string path, IReadOnlyList<PlanError> errors)
    {
        stderr.WriteLine($"parley plan: {path} is invalid ({errors.Count} error{(errors.Count == 1 ? "" : "s")}):");
        foreach (var error in errors)
        {
            stderr.WriteLine("  " + error);
        }
    }

    private static bool TryReadText(string path, string what, TextWriter stderr, out string text)
    {
        try
        {
            text = File.ReadAllText(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"parley plan: cannot read {what} file \"{path}\": {ex.Message}");
            text = "";
            return false;
        }
    }
}
