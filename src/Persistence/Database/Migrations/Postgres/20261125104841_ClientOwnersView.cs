using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JlnbCrm.Database.Migrations.Postgres
{
    /// <inheritdoc />
    /// <remarks>The client-ownership lookup the visibility rules use becomes a view (see Access/ClientOwner.cs).</remarks>
    public partial class ClientOwnersView : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(JlnbCrm.Access.ClientOwner.CreateView);
            migrationBuilder.Sql($"GRANT SELECT ON {JlnbCrm.Access.ClientOwner.View} TO {JlnbCrm.Access.RowLevelSecurity.AppRole};");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP VIEW IF EXISTS {JlnbCrm.Access.ClientOwner.View};");
        }
    }
}
