#!/usr/bin/env python3
"""bench/perf-buckets.py PERF_DATA: where a server's samples go, by the first matching frame of each stack.

For `perf record -F 999 -g -p PID` of Parley or the stock hub (DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
so perf can name JIT code). Stacks that reach native code without frame pointers (libc send(), SQLite) lose their
managed callers; those are split by their native frames instead (kernel send(), SQLite, fsync, futex). Issue 21,
docs/benchmarks.md "Deliveries per CPU-second against the stock hub".
"""
import sys, subprocess, collections, re
# order matters: the first bucket whose pattern appears anywhere in the stack wins
B = [
 ("writer (SQLite group commit, fsync)", r"WriteQueue::Run|WriteQueue::CommitBatch"),
 ("durable subscribers (push, webhooks, service bot; log reads, cursors)", r"SubscriberHost|MessagePushes|PushNotifier|EventReader|WebhookOutbox|ServiceBot|VisitorOfflineEmail|CallMemberLeft"),
 ("fan-out: SignalR group write into each connection's pipe", r"EventDispatcher|SendToGroupConnections|SendGroupAsync"),
 ("hub invocation: parse, filters, MessageService.SendAsync, ack", r"DefaultHubDispatcher|HubConnectionHandler|HubGuard|MessageService|BotHubScopes|ParleyHub|RoomsHub|HubConnectionContext::WriteAsync\(class \[Microsoft.AspNetCore.SignalR.Common\]Microsoft.AspNetCore.SignalR.Protocol.HubMessage"),
 ("WebSocket send loop (transport pipe -> frame)", r"WebSocketsServerTransport|ManagedWebSocket"),
 ("Kestrel socket I/O (send/receive)", r"Kestrel.Transport.Sockets|SocketAsyncEngine|SocketAsyncContext"),
 ("heartbeats and timers", r"TickHeartbeat|OnHeartbeat|TimerQueue|RateLimiting|Heartbeat"),
 ("GC", r"WKS::|gc_heap|GCHeap|GarbageCollect"),
 ("JIT", r"libclrjit|TieredCompilation"),
]
def stacks(path):
    out = subprocess.run(["perf","script","-i",path,"-F","comm,tid,ip,sym,dso"],capture_output=True,text=True).stdout
    cur=[]
    for line in out.split("\n"):
        if not line.strip():
            if cur: yield cur
            cur=[]
        else: cur.append(line)
    if cur: yield cur
counts=collections.Counter(); total=0; kern=collections.Counter()
for st in stacks(sys.argv[1]):
    total+=1
    text="\n".join(st[1:])
    leafk = "[kernel.kallsyms]" in (st[1] if len(st)>1 else "")
    for name,pat in B:
        if re.search(pat,text):
            counts[name]+=1; kern[name]+=leafk; break
    else:
        counts["other (thread pool, scheduler, runtime)"]+=1; kern["other (thread pool, scheduler, runtime)"]+=leafk
for name,c in counts.most_common():
    print(f"{100*c/total:5.1f}%  (kernel {100*kern[name]/max(c,1):3.0f}%)  {name}")
print("samples",total)

# Samples no bucket claimed, by their native frames.
lost = collections.Counter()
for st in stacks(sys.argv[1]):
    text = "\n".join(st[1:])
    if any(re.search(p, text) for _, p in B): continue
    if re.search(r"sendto|tcp_sendmsg", text): k = "kernel send() (caller frames lost)"
    elif re.search(r"fsync|ext4|jbd2", text): k = "fsync/ext4"
    elif re.search(r"sqlite3", text): k = "SQLite native (caller frames lost)"
    elif re.search(r"futex|schedule|sched_yield", text): k = "futex/schedule (thread hand-offs)"
    elif re.search(r"libcoreclr", text): k = "coreclr runtime"
    else: k = "rest"
    lost[k] += 1
for k, v in lost.most_common(): print(f"{100*v/total:5.1f}%  {k}")
