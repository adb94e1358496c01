namespace Vault.Policy;

/// <summary>What a dataset has already been used for, as the release gate records it: one entry per job it admitted.
/// The evaluator counts from it, so budgets are checked against one definition of the window: a buyer's jobs count
/// towards <c>budgets.jobsPerBuyer</c> when admitted after <c>now − period</c> (entries later than <c>now</c> count
/// too, so a clock set back never frees budget), and every entry's decryptions count towards
/// <c>budgets.totalDecryptions</c>, whatever its age.</summary>
/// <param name="Entries">The admitted jobs, in any order. Record equality compares this list by reference.</param>
public sealed record UsageLedger(IReadOnlyList<UsageEntry> Entries)
{
    /// <summary>A dataset that has run no job.</summary>
    public static UsageLedger Empty { get; } = new([]);
}

/// <summary>One job the release gate admitted for a dataset.</summary>
public sealed record UsageEntry
{
    /// <summary>Creates the entry.</summary>
    /// <param name="buyer">The buyer's 0x address (any case).</param>
    /// <param name="at">When the gate admitted the job.</param>
    /// <param name="decryptions">How many outputs the gate decrypted for it, or will (one per declared output).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decryptions"/> is negative.</exception>
    public UsageEntry(string buyer, DateTimeOffset at, int decryptions)
    {
        ArgumentNullException.ThrowIfNull(buyer);
        ArgumentOutOfRangeException.ThrowIfNegative(decryptions);
        Buyer = buyer;
        At = at;
        Decryptions = decryptions;
    }

    /// <summary>The buyer's 0x address (compared case-insensitively).</summary>
    public string Buyer { get; }

    /// <summary>When the gate admitted the job.</summary>
    public DateTimeOffset At { get; }

    /// <summary>How many outputs the gate decrypted for the job.</summary>
    public int Decryptions { get; }
}
