using JlnbCrm.Changes;

namespace JlnbCrm.Graph.Subscriptions;

/// <summary>The connection a subscription runs on, as the subscription fields see it (through the user context).</summary>
public interface ISubscriber
{
    /// <summary>Where in <see cref="GraphQL.ExecutionOptions.UserContext"/> the subscriber is found.</summary>
    public const string UserContextKey = "crm.subscriber";

    ChangeFeed Feed { get; }

    /// <inheritdoc cref="SubscriberCredential.SignInAsync"/>
    Task<SignedInScope?> SignInAsync(CancellationToken ct);

    /// <summary>The credential stopped signing anyone in: the connection is closed as forbidden.</summary>
    Task RevokedAsync();
}
