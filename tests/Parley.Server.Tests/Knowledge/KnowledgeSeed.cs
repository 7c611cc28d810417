using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Knowledge;

/// <summary>A small knowledge base in Chinese and English (12 entries), written through the API as an editor would.</summary>
internal static class KnowledgeSeed
{
    public static readonly SaveKnowledgeArticleRequest[] Articles =
    [
        new("article", "Resetting a forgotten password",
            "If you cannot sign in to your account because you forgot the password, open the sign-in page and choose **Forgot password**. "
            + "We e-mail a reset link that is valid for 30 minutes. Choose a new password of at least 12 characters.", "en", ["account", "login"], true),
        new("article", "Refunds for annual subscriptions",
            "Annual plans are refunded in full within 14 days of purchase. After that we refund the unused months minus a processing fee. "
            + "The money reaches your card within 5–10 business days.", "en", ["billing", "refund"], true),
        new("article", "Shipping times and parcel tracking",
            "Orders leave our warehouse within 2 business days. Domestic delivery takes 3–5 days, international delivery 7–14 days. "
            + "We e-mail a tracking number when the parcel is dispatched.", "en", ["delivery", "shipping"], true),
        new("article", "Exporting conversation history",
            "Administrators export conversations as a zip archive from the admin console under *Compliance*. "
            + "Each export holds the messages, the attachments and a checksum file.", "en", ["export", "archive"], true),
        new("article", "Setting up two-factor authentication",
            "Protect your account with an authenticator app: open Settings → Security, scan the QR code with an authenticator app, "
            + "then type the six-digit code. Keep the recovery codes somewhere safe.", "en", ["security", "2fa"], true),
        new("faq", "Which web browsers are supported?",
            "The web client supports the latest two versions of Chrome, Edge, Firefox and Safari. Internet Explorer is not supported.", "en", ["browser"], true),
        new("article", "重置登录密码",
            "如果忘记了登录密码，请在登录页面点击“忘记密码”，系统会向您的邮箱发送重置链接，链接三十分钟内有效。新密码至少十二位。", "zh-CN", ["账号", "登录"], true),
        new("article", "年度订阅退款政策",
            "年度套餐购买后十四天内可以全额退款。超过十四天，按未使用的月份退款，并扣除手续费。退款在五到十个工作日内退回原支付卡。", "zh-CN", ["账单", "退款"], true),
        new("article", "发货时间与物流查询",
            "订单在两个工作日内从仓库发货。国内快递三到五天送达，国际快递七到十四天。包裹出库后，我们通过短信发送快递单号，您可以用单号查询物流进度。", "zh-CN", ["配送", "快递"], true),
        new("article", "发票开具说明",
            "企业客户可以在订单详情页申请增值税专用发票或普通发票，需要填写公司名称和税号。电子发票会在三个工作日内发送到您的邮箱。", "zh-CN", ["发票", "税务"], true),
        new("article", "开启两步验证",
            "为了保护账号安全，请在设置的安全页面开启两步验证：用身份验证器应用扫描二维码，然后输入六位验证码。请妥善保存恢复码。", "zh-CN", ["安全"], true),
        new("faq", "能修改收货地址吗？",
            "订单发货之前，可以在“我的订单”中修改收货地址；已经发货的订单，请联系快递公司改派。", "zh-CN", ["地址", "订单"], true),
    ];

    /// <summary>Writes every article; returns their ids by title.</summary>
    public static async Task<Dictionary<string, long>> WriteAsync(Session editor)
    {
        var ids = new Dictionary<string, long>();
        foreach (var a in Articles)
            ids[a.Title!] = (await editor.Ok<KnowledgeArticleDto>(editor.Http.PostAsJsonAsync("/api/v1/knowledge/articles", a))).Id;
        return ids;
    }
}
