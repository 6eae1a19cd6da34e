using JlnbCrm.Domain;
using JlnbCrm.Users;

namespace JlnbCrm.Graph.Hosting;

/// <summary>
/// <c>--create-admin &lt;email&gt; --name "&lt;name&gt;"</c>: the first administrator of a database that has none. Outside
/// Development no demo accounts exist, so without this nobody could sign in to create anyone. The user is created
/// through <see cref="StaffAdmin"/> (its rules: a free email, a strong enough password) by the system actor, so the
/// audit trail records it. The password comes from <see cref="PasswordVariable"/> or standard input, never from an
/// argument (arguments show in <c>ps</c> and shell history), and is never printed.
/// </summary>
public static class CreateAdminCommand
{
    public const string Switch = "--create-admin";
    public const string PasswordVariable = "CRM_ADMIN_PASSWORD";

    /// <summary>Creates the administrator; on a refusal says why on standard error and sets a failing exit code.</summary>
    public static async Task RunAsync(StaffAdmin staff, string[] args)
    {
        if (ValueAfter(args, Switch) is not { } email || ValueAfter(args, "--name") is not { } name)
        {
            Fail($"Usage: {Switch} <email> --name \"<name>\" (password in {PasswordVariable} or on standard input).",
                exitCode: 2);
            return;
        }
        if (ReadPassword(email) is not { Length: > 0 } password)
        {
            Fail($"No password given: set {PasswordVariable} or write it on standard input.", exitCode: 2);
            return;
        }
        try
        {
            var admin = await staff.CreateUserAsync(name, email, RoleLevel.Admin, teamId: null, password);
            Console.WriteLine($"Created the administrator {admin.Name} <{admin.Email}>; sign in at /account/signin.");
        }
        catch (RuleViolationException refusal)
        {
            Fail($"No administrator created: {refusal.Message}", exitCode: 1);
        }
    }

    private static string? ValueAfter(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && !args[at + 1].StartsWith("--", StringComparison.Ordinal)
            ? args[at + 1] : null;
    }

    /// <summary>From the environment, else one line of standard input (typed without echo on a terminal).</summary>
    private static string? ReadPassword(string email)
    {
        if (Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } set) return set;
        if (Console.IsInputRedirected) return Console.In.ReadLine();
        Console.Error.Write($"Password for {email}: ");
        var typed = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(true))
        {
            if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; }
            else if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return typed.ToString();
    }

    private static void Fail(string message, int exitCode)
    {
        Console.Error.WriteLine(message);
        Environment.ExitCode = exitCode;
    }
}
