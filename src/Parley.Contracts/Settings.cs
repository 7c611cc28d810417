namespace Parley.Contracts;

/// <summary>
/// One server setting an administrator may change at run time (GET /api/v1/admin/settings, system.manage). Value is
/// what the server uses now; Default what the configuration (appsettings, environment) says; Overridden that Value comes
/// from the database. Unit says how to read the numbers: bytes, seconds, minutes, perSecond, perMinute or count;
/// WholeNumber that only whole numbers are accepted. ClientVisible settings also reach clients through GET /api/v1/config.
/// </summary>
public sealed record RuntimeSettingDto(
    string Key, string Unit, bool WholeNumber, double Value, double Default, bool Overridden, double Min, double Max, bool ClientVisible,
    DateTimeOffset? UpdatedAt);

public sealed record RuntimeSettingsDto(IReadOnlyList<RuntimeSettingDto> Items);

/// <summary>PUT /api/v1/admin/settings/{key}: the new value, in the setting's unit.</summary>
public sealed record RuntimeSettingChange(double? Value);

/// <summary>
/// GET /api/v1/admin/dashboard: figures for the admin console's first page. Days are UTC calendar days (yyyy-MM-dd),
/// oldest first, the last one being today; ActiveToday counts distinct users whose session was used since 00:00 UTC.
/// DatabaseBytes is null where the provider cannot tell cheaply.
/// </summary>
public sealed record DashboardDto(
    DateTimeOffset GeneratedAt, DashboardUsersDto Users, long ActiveToday, long Conversations, IReadOnlyList<DailyCountDto> MessagesPerDay,
    DashboardStorageDto Storage);

public sealed record DashboardUsersDto(long Total, long Active, long Deactivated);

public sealed record DailyCountDto(string Day, long Count);

public sealed record DashboardStorageDto(long Files, long FileBytes, long? DatabaseBytes);
