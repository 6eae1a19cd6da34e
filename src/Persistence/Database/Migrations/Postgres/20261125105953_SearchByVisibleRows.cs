using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JlnbCrm.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchByVisibleRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Indexes no query of the workload could use under row-level security (LIKE/ILIKE are not leakproof).
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_clients_pan_prefix;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_clients_mobile_digits;");
            migrationBuilder.DropIndex(
                name: "ix_clients_mobile",
                table: "clients");

            migrationBuilder.DropIndex(
                name: "ix_clients_name",
                table: "clients");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX ix_clients_pan_prefix ON clients (pan text_pattern_ops);");
            migrationBuilder.Sql("CREATE INDEX ix_clients_mobile_digits ON clients USING gin (replace(mobile, ' ', '') gin_trgm_ops);");
            migrationBuilder.CreateIndex(
                name: "ix_clients_mobile",
                table: "clients",
                column: "mobile");

            migrationBuilder.CreateIndex(
                name: "ix_clients_name",
                table: "clients",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }
    }
}
