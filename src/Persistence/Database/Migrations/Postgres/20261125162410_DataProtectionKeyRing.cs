using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace JlnbCrm.Database.Migrations.Postgres
{
    /// <inheritdoc />
    /// <remarks>
    /// ASP.NET Core's data-protection key ring in the database (KeyRing/KeyRingSecurity.cs), so cookies and
    /// anti-forgery tokens one instance protects are read by every other one, and survive restarts.
    /// </remarks>
    public partial class DataProtectionKeyRing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.Sql(JlnbCrm.KeyRing.KeyRingSecurity.Enable());
            migrationBuilder.Sql(JlnbCrm.Access.DatabaseGrants.RevokeFromOtherRoles);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(JlnbCrm.KeyRing.KeyRingSecurity.Disable());
            migrationBuilder.DropTable(
                name: "data_protection_keys");
        }
    }
}
