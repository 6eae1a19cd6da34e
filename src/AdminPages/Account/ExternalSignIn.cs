namespace JlnbCrm.AdminPages.Account;

/// <summary>
/// Registered when an outside OpenID provider is configured: the sign-in page then hands over to it
/// (the authentication scheme to challenge) instead of asking for a CRM password.
/// </summary>
public sealed record ExternalSignIn(string Scheme, string DisplayName);
