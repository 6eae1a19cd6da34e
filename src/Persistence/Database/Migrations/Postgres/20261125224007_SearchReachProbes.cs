using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JlnbCrm.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchReachProbes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The client search probes reached clients by id; crm_reached_client_ids is dropped
            // (Clients/SearchReachProbesMigration.cs).
            migrationBuilder.Sql(JlnbCrm.Clients.SearchReachProbesMigration.PostgresUp());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(JlnbCrm.Clients.SearchReachProbesMigration.PostgresDown());
        }
    }
}
