using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JlnbCrm.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    /// <remarks>
    /// The client_owners view again, after the Households migration's rebuild of clients (SQLite rebuilds a table at
    /// the end of a migration, and a view over it must not exist then).
    /// </remarks>
    public partial class HouseholdsClientOwners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP VIEW IF EXISTS {JlnbCrm.Access.ClientOwner.View};");
            migrationBuilder.Sql(JlnbCrm.Access.ClientOwner.CreateView);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP VIEW IF EXISTS {JlnbCrm.Access.ClientOwner.View};");
        }
    }
}
