using System.Reflection;

namespace Parley.Server.Operations;

/// <summary>This build's version (the informational version without the source revision suffix).</summary>
public static class Version
{
    public static readonly string Current =
        (typeof(Version).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
