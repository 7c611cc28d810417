using System.Net;
using System.Net.Http.Headers;
using Parley.Contracts;
using Parley.Server.Tests.Files;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

/// <summary>Issue 20: custom emoji uploaded by administrators, used as ":name:" reactions.</summary>
public class CustomEmojiTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static MultipartFormDataContent Form(string name, byte[] image, string type = "image/png")
    {
        var form = new MultipartFormDataContent { { new StringContent(name), "name" } };
        var part = new ByteArrayContent(image);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        form.Add(part, "file", "emoji.png");
        return form;
    }

    [Fact]
    public async Task Admin_AddsEmoji_MembersListLoadAndReactWithIt_ThenRemoved()
    {
        var admin = await _server.AdminAsync();
        var user = await _server.UserAsync();
        var png = FileClient.Image(32, 32);

        var created = await admin.Ok<CustomEmojiDto>(admin.Http.PostAsync("/api/v1/custom-emoji", Form("ship-it", png)));
        Assert.Equal(("ship-it", "image/png"), (created.Name, created.ContentType));

        var list = await user.Ok<ListResponse<CustomEmojiDto>>(user.Http.GetAsync("/api/v1/custom-emoji"));
        Assert.Contains(list.Items, e => e.Name == "ship-it");
        using (var image = await user.Http.GetAsync("/api/v1/custom-emoji/ship-it/image"))
        {
            Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
            Assert.Equal(png, await image.Content.ReadAsByteArrayAsync());
        }

        var g = await user.CreateAsync(ConversationKinds.Group, "custom", admin.Id);
        var m = await user.SendAsync(g.Id, "shipped");
        var reacted = await user.Ok<MessageDto>(user.Http.PutAsync($"/api/v1/messages/{m.Id}/reactions/{Uri.EscapeDataString(":ship-it:")}", null));
        Assert.Contains(reacted.Reactions, r => r.Emoji == ":ship-it:");
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await user.StatusAsync(user.Http.PutAsync($"/api/v1/messages/{m.Id}/reactions/{Uri.EscapeDataString(":no-such:")}", null)));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync("/api/v1/custom-emoji/ship-it")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await user.Http.GetAsync("/api/v1/custom-emoji/ship-it/image")).StatusCode);
    }

    [Fact]
    public async Task Add_ByMember_403_BadInput_4xxWithCodes()
    {
        var admin = await _server.AdminAsync();
        var user = await _server.UserAsync();
        var png = FileClient.Image(16, 16);

        Assert.Equal(HttpStatusCode.Forbidden, (await user.Http.PostAsync("/api/v1/custom-emoji", Form("mine", png))).StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await admin.StatusAsync(admin.Http.PostAsync("/api/v1/custom-emoji", Form("Bad Name!", png))));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await admin.StatusAsync(admin.Http.PostAsync("/api/v1/custom-emoji", Form("script", "<svg onload=alert(1)>"u8.ToArray(), "image/svg+xml"))));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, ErrorCodes.FileTooLarge),
            await admin.StatusAsync(admin.Http.PostAsync("/api/v1/custom-emoji", Form("huge", new byte[260 * 1024]))));
        await admin.Ok<CustomEmojiDto>(admin.Http.PostAsync("/api/v1/custom-emoji", Form("twice", png)));
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.Conflict), await admin.StatusAsync(admin.Http.PostAsync("/api/v1/custom-emoji", Form("twice", png))));
        Assert.Equal(HttpStatusCode.Forbidden, (await user.Http.DeleteAsync("/api/v1/custom-emoji/twice")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.Client().GetAsync("/api/v1/custom-emoji")).StatusCode);
    }
}
