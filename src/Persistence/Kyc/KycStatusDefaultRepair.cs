namespace JlnbCrm.Kyc;

/// <summary>
/// The KycStatus migrations first gave existing clients the enum member's name ('NotChecked') where the column stores
/// the display name ('Not checked', EnumTextConverter): such rows could not be read. The ClientReach migrations repair
/// the rows and, on PostgreSQL, the column default (bulk loads rely on it).
/// </summary>
public static class KycStatusDefaultRepair
{
    public const string Rows = "UPDATE clients SET kyc_status = 'Not checked' WHERE kyc_status = 'NotChecked';\n";

    public const string PostgresDefault = "ALTER TABLE clients ALTER COLUMN kyc_status SET DEFAULT 'Not checked';\n";
}
