using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JlnbCrm.Database.Migrations.Postgres
{
    /// <inheritdoc />
    /// <remarks>
    /// Re-creates the row-level security policies in an indexable form (the same rules): "whose work the actor
    /// sees" and "clients reached through work" are arrays computed once per statement, instead of a function
    /// call or an EXISTS per row. Measured by the benchmark (bench/README.md).
    /// </remarks>
    public partial class IndexableVisibility : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(JlnbCrm.Access.RowLevelSecurity.Disable());
            migrationBuilder.Sql(JlnbCrm.Access.RowLevelSecurity.Enable());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The policies before this migration allowed exactly the same rows; going down keeps the current form.
        }
    }
}
