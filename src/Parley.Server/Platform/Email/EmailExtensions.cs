using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Platform.Jobs;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Platform.Email;

/// <summary>Composition root of outgoing e-mail: options, the sender (SMTP outbox, or disabled without a host), the worker, the admin test endpoint.</summary>
public static partial class EmailExtensions
{
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EmailOptions>().Bind(builder.Configuration.GetSection(EmailOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidation>();
        var enabled = builder.Configuration.GetSection(EmailOptions.Section).Get<EmailOptions>()?.Enabled == true;
        if (enabled)
        {
            services.TryAddSingleton<JobLease>();
            services.AddSingleton<SmtpOutboxWorker>();
            services.AddHostedService(sp => sp.GetRequiredService<SmtpOutboxWorker>());
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
        else
        {
            services.AddSingleton<IEmailSender, DisabledEmailSender>();
            services.AddHostedService<DisabledEmailNotice>();
        }
        return builder;
    }

    public static void MapEmailApi(this RouteGroupBuilder api)
    {
        api.MapPost("/admin/email/test", async (SendTestEmailRequest request, HttpContext http, IEmailSender email) =>
            {
                Actor.Of(http).Require(Contracts.Permissions.SystemManage);
                if (!EmailAddress.IsValid(request.To)) throw ParleyException.Invalid("to", "Give one e-mail address (name@example.com).");
                if (!email.Enabled) throw new ParleyException(409, EmailErrorCodes.Disabled, "E-mail is off: set Parley:Email:SmtpHost and Parley:Email:From.");
                var id = await email.QueueAsync(new EmailMessage(request.To, null, "Parley test message",
                    ["This is a test message from Parley. If you can read it, Parley's outgoing e-mail works.",
                     "这是一封来自 Parley 的测试邮件。收到它说明 Parley 的外发邮件工作正常。"], kind: "test"));
                return TypedResults.Accepted((string?)null, new EmailQueuedDto(id!.Value));
            })
            .RequirePermission(Contracts.Permissions.SystemManage).WithTags("Admin")
            .ProducesProblem(400).ProducesProblem(409)
            .WithSummary("Queues a test e-mail to the address through the configured SMTP relay (system.manage); 409 email_disabled when no relay is set.");
    }

    /// <summary>Says once at start-up that e-mail is off, so an operator who expected it looks at the configuration.</summary>
    private sealed partial class DisabledEmailNotice(ILogger<DisabledEmailSender> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            Off(logger);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Information, Message = "E-mail is off: Parley:Email:SmtpHost is not set, so no e-mail (offline replies, tests) is queued or sent.")]
        private static partial void Off(ILogger logger);
    }
}
