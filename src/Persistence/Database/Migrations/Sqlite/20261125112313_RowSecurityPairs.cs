using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JlnbCrm.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RowSecurityPairs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_service_requests_assigned_user_id",
                table: "service_requests");

            migrationBuilder.DropIndex(
                name: "ix_queries_assigned_rm_id",
                table: "queries");

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_assigned_user_id_client_id",
                table: "service_requests",
                columns: new[] { "assigned_user_id", "client_id" });

            migrationBuilder.CreateIndex(
                name: "ix_queries_assigned_rm_id_client_id",
                table: "queries",
                columns: new[] { "assigned_rm_id", "client_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_service_requests_assigned_user_id_client_id",
                table: "service_requests");

            migrationBuilder.DropIndex(
                name: "ix_queries_assigned_rm_id_client_id",
                table: "queries");

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_assigned_user_id",
                table: "service_requests",
                column: "assigned_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_queries_assigned_rm_id",
                table: "queries",
                column: "assigned_rm_id");
        }
    }
}
