using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Planner.Output;

/// <summary>
/// Writes decimals without the trailing zeros that decimal arithmetic keeps (57602.160 → 57602.16). The value is
/// unchanged — only its scale — so JSON stays unrounded as PLANNER.md §3.3 requires.
/// </summary>
internal sealed class NormalizedDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value / 1.000000000000000000000000000000000m);
}
