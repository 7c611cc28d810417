using System.CommandLine;
using Stopwatch = System.Diagnostics.Stopwatch;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Messages;
using Parley.Server.Features.Users;
using Parley.Server.Hosting;
using Parley.Server.Storage;

namespace Parley.Seed;

/// <summary>
/// `seed messages`: fills channels with messages through the server's own storage calls (the
/// same Insert/NextSeq/Record sequence MessageService.SendAsync runs, indexing included), in
/// large batches per transaction. For the 10-million-message history and search
/// targets; the run stores the channel ids in an ids file for Parley.LoadGen --history-conversation.
/// </summary>
internal static class SeedMessages
{
    // Chinese and English chat lines; every message combines three, so the index holds a
    // realistic spread of terms and the benchmark's query (季度报告) matches a known share.
    private static readonly string[] Fragments =
    [
        "请在周五之前提交季度报告", "明天上午十点开会讨论新版本", "客户反馈了登录问题", "部署脚本已经合并到主分支",
        "午饭一起去吃面吗", "服务器的磁盘快满了", "下周二进行安全审计", "新同事今天入职",
        "the build is green again", "please review my pull request", "lunch at noon?", "the customer call moved to 3pm",
        "数据库备份已经完成", "测试环境今晚维护", "产品需求文档已更新", "network latency looks fine now",
    ];

    private const int MessagesPerOperation = 20;

    public static Command Create()
    {
        var data = new Option<string>("--data") { Required = true, Description = "Data folder of a stopped server" };
        var count = new Option<long>("--count") { Required = true, Description = "Messages in total" };
        var conversations = new Option<int>("--conversations") { DefaultValueFactory = _ => 100 };
        var members = new Option<int>("--members") { DefaultValueFactory = _ => 100, Description = "The first N users (by id) join every seeded channel" };
        var batch = new Option<int>("--batch") { DefaultValueFactory = _ => 5000, Description = "Messages per transaction" };
        var output = new Option<string>("--out") { Required = true, Description = "File to write the seeded channel ids to" };
        var cmd = new Command("messages", "Fill channels with messages (history/search benchmarks)") { data, count, conversations, members, batch, output };
        cmd.SetAction((p, ct) => ParleyCli.WithServicesAsync(p.GetValue(data), async sp =>
        {
            var writer = sp.GetRequiredService<WriteQueue>();
            var userIds = (await sp.GetRequiredService<UserStore>().SearchAsync(null, p.GetValue(members), includeInactive: false)).Select(u => u.Id).ToArray();
            if (userIds.Length == 0) { await Console.Error.WriteLineAsync("seed users first: messages need senders"); return 2; }
            int c = p.GetValue(conversations);
            var channels = await writer.ExecuteAsync(w => Enumerable.Range(0, c).Select(i =>
            {
                long id = ConversationStore.Insert(w, ConversationKinds.Channel, $"seeded-{i}", null, null, userIds[0]);
                foreach (long u in userIds)
                    ConversationStore.UpsertMember(w, id, u, u == userIds[0] ? MemberRoles.Owner : MemberRoles.Member, 0);
                return id;
            }).ToArray());
            await File.WriteAllLinesAsync(p.GetValue(output)!, channels.Select(id => id.ToString(CultureInfo.InvariantCulture)), ct);

            long total = p.GetValue(count), done = 0;
            int per = p.GetValue(batch);
            var random = new Random(2026);
            var sw = Stopwatch.StartNew();
            while (done < total && !ct.IsCancellationRequested)
            {
                int n = (int)Math.Min(per, total - done);
                var texts = Enumerable.Range(0, n).Select(_ =>
                    $"{Fragments[random.Next(Fragments.Length)]}，{Fragments[random.Next(Fragments.Length)]}。{Fragments[random.Next(Fragments.Length)]}").ToArray();
                // One write operation per 20 messages, all queued at once: the writer commits them in one
                // transaction (up to StorageOptions.MaxBatch operations), each in its own SAVEPOINT. One operation
                // of thousands of inserts made SQLite's statement sub-journal grow with the batch, and every
                // statement truncated it by walking it (memjrnlTruncate was 63 % of the seeder's CPU in perf):
                // the seeding rate fell with every message.
                var ops = new List<Task<int>>();
                for (int start = 0; start < n; start += MessagesPerOperation)
                {
                    long first = done + start;
                    var slice = texts.AsMemory(start, Math.Min(MessagesPerOperation, n - start));
                    ops.Add(writer.ExecuteAsync(w => InsertSlice(w, channels, userIds, first, slice.Span)));
                }
                await Task.WhenAll(ops);
                done += n;
                if (done % (per * 20) == 0 || done == total)
                    Console.WriteLine($"{done:N0} / {total:N0} messages, {done / sw.Elapsed.TotalSeconds:N0}/s");
            }
            return 0;
        }));
        return cmd;
    }

    private static int InsertSlice(WriteContext w, long[] channels, long[] userIds, long first, ReadOnlySpan<string> texts)
    {
        for (int i = 0; i < texts.Length; i++)
        {
            long conversation = channels[(first + i) % channels.Length];
            long sender = userIds[(first + i) % userIds.Length];
            long seq = EventLog.NextSeq(w, conversation);
            long id = MessageStore.Insert(w, conversation, seq, sender, texts[i], null, null, null, null, [], false);
            EventLog.Record(w, conversation, seq, EventTypes.MessageCreated, sender, id, null);
        }
        return texts.Length;
    }
}
