using System.CommandLine;
using Vault.Ckks;

namespace Vault.Cli;

/// <summary>The <c>--preset</c> and <c>--allow-insecure</c> options shared by commands, and their resolution to parameters.</summary>
internal static class PresetOption
{
    public static Option<string> Preset(string defaultName) => new("--preset")
    {
        Description = $"CKKS parameter preset ({string.Join(", ", CkksParameterPresets.All.Keys)}).",
        DefaultValueFactory = _ => defaultName,
    };

    public static Option<bool> AllowInsecure() => new("--allow-insecure")
    {
        Description = "Allow the insecure test-only presets (never for real data).",
    };

    /// <summary>Resolves a preset name; insecure presets need <paramref name="allowInsecure"/>.</summary>
    /// <exception cref="ParameterException">Unknown name, or insecure without the flag.</exception>
    public static CkksParameters Resolve(string name, bool allowInsecure)
    {
        if (!CkksParameterPresets.All.TryGetValue(name, out var spec))
            throw new ParameterException($"Unknown preset '{name}'. Choose one of: {string.Join(", ", CkksParameterPresets.All.Keys)}.");
        if (spec.Security == SecurityLevel.InsecureTestOnly)
        {
            if (!allowInsecure)
                throw new ParameterException($"Preset '{name}' is insecure and for tests only; pass --allow-insecure to use it anyway, or pick a logn* preset.");
            return CkksParameters.CreateInsecure(spec);
        }
        return CkksParameters.Create(spec);
    }
}
