using System.Globalization;

namespace Parley.Server.Features.Settings;

/// <summary>How a setting's number maps to its configuration value (the options property's type).</summary>
public enum SettingUnit { Count, Bytes, PerSecond, PerMinute, Seconds, Minutes }

/// <summary>
/// One option an administrator may override at run time: its key on the wire and in the <c>settings</c> table, the
/// configuration path it overrides (what <c>IOptionsMonitor</c> binds), the accepted range and the built-in default
/// (the options class's initial value, used when the configuration says nothing).
/// </summary>
public sealed record RuntimeSetting(string Key, string Path, SettingUnit Unit, double Min, double Max, Func<double> BuiltIn,
    bool WholeNumber = true, bool ClientVisible = false)
{
    public string UnitName => Unit switch
    {
        SettingUnit.Bytes => "bytes",
        SettingUnit.PerSecond => "perSecond",
        SettingUnit.PerMinute => "perMinute",
        SettingUnit.Seconds => "seconds",
        SettingUnit.Minutes => "minutes",
        _ => "count",
    };

    private bool IsTime => Unit is SettingUnit.Seconds or SettingUnit.Minutes;
    private double SecondsPerUnit => Unit == SettingUnit.Minutes ? 60 : 1;

    /// <summary>The value as the configuration binder reads it: a TimeSpan ("c" format) for times, else an invariant number.</summary>
    public string ToConfig(double value) => IsTime
        ? TimeSpan.FromSeconds(value * SecondsPerUnit).ToString("c", CultureInfo.InvariantCulture)
        : value.ToString(WholeNumber ? "0" : "R", CultureInfo.InvariantCulture);

    /// <summary>A configuration value in this setting's unit; null when it does not parse (the binder would refuse it at start-up).</summary>
    public double? FromConfig(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (IsTime) return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var t) ? t.TotalSeconds / SecondsPerUnit : null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    /// <summary>The stored form in the <c>settings</c> table: the number itself, invariant.</summary>
    public string ToStored(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public double? FromStored(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && IsValid(d) ? d : null;

    public bool IsValid(double value) => double.IsFinite(value) && value >= Min && value <= Max && (!WholeNumber || value == Math.Floor(value));
}
