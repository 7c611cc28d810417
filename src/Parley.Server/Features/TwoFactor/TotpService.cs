using Microsoft.Extensions.Options;
using OtpNet;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Users;
using Parley.Server.Platform;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;
using QRCoder;

namespace Parley.Server.Features.TwoFactor;

/// <summary>
/// TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s, one step of clock drift either way) with recovery codes.
/// Enrolment is two steps — a secret, then a code from the app proves it was stored — and is recorded
/// (<c>user.totp_enabled</c>/<c>user.totp_disabled</c>). Wrong codes are counted per account in the shared rate
/// counter; past <see cref="AuthOptions.TotpFailuresPerWindow"/> in <see cref="AuthOptions.LoginFailureWindow"/>
/// every code is refused (429 totp_throttled) — six digits fall to guessing otherwise.
/// </summary>
public sealed class TotpService(TotpStore store, UserStore users, WriteQueue writer, SessionCache cache, IRateCounter counter, Passwords passwords, IOptionsMonitor<AuthOptions> options)
{
    private static readonly VerificationWindow Drift = new(previous: 1, future: 1);

    public async Task<TotpEnrollmentDto> BeginAsync(long userId, Actor actor)
    {
        var user = await users.FindAsync(userId) ?? throw ParleyException.NotFound("The user");
        if (user.TotpEnabled) throw ParleyException.Conflict("Two-factor sign-in is already on; turn it off first to enrol a new device.");
        var secret = Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));
        await writer.ExecuteAsync(w =>
        {
            TotpStore.Begin(w, userId, secret);
            return 0;
        });
        var issuer = options.CurrentValue.TotpIssuer;
        var uri = $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(user.Username)}?secret={secret}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits=6&period=30";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return new TotpEnrollmentDto(secret, uri, "data:image/png;base64," + Convert.ToBase64String(png));
    }

    public async Task<RecoveryCodesDto> ConfirmAsync(long userId, string? code, Actor actor)
    {
        var pending = await store.FindAsync(userId);
        if (pending is null || pending.ConfirmedAt is not null)
            throw ParleyException.Conflict(pending is null ? "Start enrolment first (POST /users/me/totp)." : "Two-factor sign-in is already on.");
        await RequireNotThrottledAsync(userId);
        var step = Match(pending.Value, code);
        var codes = RecoveryCodes.Generate();
        var ok = step is not null && await writer.ExecuteAsync(w =>
        {
            if (!TotpStore.TakeStep(w, userId, step.Value)) return false;
            TotpStore.Confirm(w, userId, codes.Select(c => RecoveryCodes.Hash(RecoveryCodes.Normalize(c)!)));
            SystemLog.Append(w, actor, SystemEventTypes.TotpEnabled, userId, new { recoveryCodes = codes.Count });
            return true;
        });
        if (!ok)
        {
            await CountFailureAsync(userId);
            throw new ParleyException(400, ErrorCodes.TotpInvalid, "That code is not right: check the app shows Parley's entry and the device's clock.");
        }
        cache.EvictUser(userId, ended: false); // a restriction waiting for enrolment ends now
        return new RecoveryCodesDto(codes);
    }

    /// <summary>Turns two-factor sign-in off for oneself: the password, or a current TOTP or recovery code, proves it is the owner.</summary>
    public async Task DisableOwnAsync(long userId, TotpDisableRequest request, Actor actor)
    {
        var user = await users.FindAsync(userId) ?? throw ParleyException.NotFound("The user");
        if (!user.TotpEnabled) throw ParleyException.NotFound("Two-factor sign-in");
        var proven = request.Password is { Length: > 0 } pw && user.PasswordHash is { } hash
            ? passwords.Verify(hash, pw)
            : request.Code is { Length: > 0 } code && await VerifyAsync(user, code, actor);
        if (!proven) throw new ParleyException(400, ErrorCodes.InvalidCredentials, "The password or code is wrong.");
        await RemoveAsync(userId, actor, "self");
    }

    /// <summary>An administrator turns it off for someone who lost their device (users.manage).</summary>
    public async Task ResetAsync(long userId, Actor actor)
    {
        actor.Require(Contracts.Permissions.UsersManage);
        if (!(await users.FindAsync(userId) ?? throw ParleyException.NotFound("The user")).TotpEnabled) throw ParleyException.NotFound("Two-factor sign-in");
        await RemoveAsync(userId, actor, "administrator");
    }

    private async Task RemoveAsync(long userId, Actor actor, string by)
    {
        await writer.ExecuteAsync(w =>
        {
            if (TotpStore.Remove(w, userId)) SystemLog.Append(w, actor, SystemEventTypes.TotpDisabled, userId, new { by });
            return 0;
        });
        cache.EvictUser(userId, ended: false);
    }

    /// <summary>
    /// A sign-in's second factor: a TOTP code (each time step once) or an unused recovery code. Throttled per account;
    /// a wrong code counts as a failure there.
    /// </summary>
    public async Task<bool> VerifyAsync(UserRecord user, string code, Actor actor)
    {
        await RequireNotThrottledAsync(user.Id);
        var secret = await store.FindAsync(user.Id);
        if (secret?.ConfirmedAt is null) return false;
        bool ok;
        if (Match(secret.Value, code) is { } step)
        {
            ok = await writer.ExecuteAsync(w => TotpStore.TakeStep(w, user.Id, step));
        }
        else if (RecoveryCodes.Normalize(code) is { } recovery)
        {
            ok = await writer.ExecuteAsync(w =>
            {
                if (!TotpStore.UseRecoveryCode(w, user.Id, RecoveryCodes.Hash(recovery))) return false;
                SystemLog.Append(w, actor with { UserId = user.Id }, SystemEventTypes.RecoveryCodeUsed, user.Id, new { remaining = TotpStore.RemainingRecoveryCodes(w, user.Id) });
                return true;
            });
        }
        else ok = false;
        if (!ok) await CountFailureAsync(user.Id);
        return ok;
    }

    private static long? Match(string secret, string? code)
    {
        var digits = code?.Replace(" ", "", StringComparison.Ordinal);
        if (digits is not { Length: 6 } || !digits.All(char.IsAsciiDigit)) return null;
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(DateTime.UtcNow, digits, out var step, Drift) ? step : null;
    }

    private string Key(long userId) => "totp-fail:" + userId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task RequireNotThrottledAsync(long userId)
    {
        var o = options.CurrentValue;
        if (await counter.PeekAsync(Key(userId), o.LoginFailureWindow) >= o.TotpFailuresPerWindow)
            throw new ParleyException(429, ErrorCodes.TotpThrottled, "Too many wrong codes for this account; wait before trying again.",
                RateWindow.Now(o.LoginFailureWindow).Remaining);
    }

    private async Task CountFailureAsync(long userId) => await counter.TryTakeAsync(Key(userId), int.MaxValue, options.CurrentValue.LoginFailureWindow);
}
