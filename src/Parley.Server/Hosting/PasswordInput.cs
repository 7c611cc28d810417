using System.CommandLine;
using System.Text;
using Parley.Server.Common;

namespace Parley.Server.Hosting;

/// <summary>
/// Where `user add` and `user passwd` get the password: one line of standard input (--password-stdin, for scripts),
/// a prompt without echo when standard input is a terminal, or --password. An argument is readable by every user of
/// the machine while the command runs (ps, /proc/PID/cmdline) and stays in shell history, so it is the last resort.
/// </summary>
public static class PasswordInput
{
    public static Option<string?> ArgumentOption(string what) => new("--password")
    {
        Description = $"{what} Visible to other users of this machine (ps) and kept in shell history: prefer --password-stdin or the prompt.",
    };

    public static Option<bool> StdinOption() => new("--password-stdin")
    {
        Description = "Read the password from the first line of standard input. Without this or --password, a terminal is asked (no echo).",
    };

    public static string Read(string? argument, bool fromStdin)
    {
        if (argument is not null && fromStdin)
            throw ParleyException.Invalid("password", "Give either --password or --password-stdin, not both.");
        if (argument is not null) return argument;
        if (fromStdin)
            return Console.In.ReadLine() ?? throw ParleyException.Invalid("password", "--password-stdin: standard input ended before a line was read.");
        if (Console.IsInputRedirected)
            throw ParleyException.Invalid("password", "No password given: use --password-stdin (one line on standard input), run in a terminal to be asked, or --password.");
        var first = Prompt("Password: ");
        if (Prompt("Repeat the password: ") != first) throw ParleyException.Invalid("password", "The two passwords differ.");
        return first;
    }

    /// <summary>Reads keys without echoing them; the prompt goes to standard error so standard output stays the command's result.</summary>
    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter || key.KeyChar is '\r' or '\n') break;
            if (key.Key == ConsoleKey.Backspace) text.Length = Math.Max(0, text.Length - 1);
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return text.ToString();
    }
}
