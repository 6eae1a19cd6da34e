using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JlnbCrm.Database.Migrations.Postgres
{
    /// <summary>
    /// Indexes for the client search box (ClientSearch), justified by the benchmark's EXPLAIN output
    /// (bench/results): a PAN prefix (`pan LIKE 'ABCDE%'`) cannot use the unique index under a non-C collation, so
    /// it needs text_pattern_ops; mobile digits are searched inside the number, so a trigram index on the
    /// space-free number.
    /// </summary>
    public partial class SearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX ix_clients_pan_prefix ON clients (pan text_pattern_ops);");
            migrationBuilder.Sql("CREATE INDEX ix_clients_mobile_digits ON clients USING gin (replace(mobile, ' ', '') gin_trgm_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_clients_mobile_digits;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_clients_pan_prefix;");
        }
    }
}
