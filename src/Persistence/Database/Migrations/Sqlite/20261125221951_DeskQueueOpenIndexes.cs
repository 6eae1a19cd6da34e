using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JlnbCrm.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeskQueueOpenIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_service_requests_open_desk_id_created_at_id",
                table: "service_requests",
                columns: new[] { "desk_id", "created_at", "id" },
                filter: "status IN ('Pending', 'In Progress')");

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_open_desk_id_due_at_id",
                table: "service_requests",
                columns: new[] { "desk_id", "due_at", "id" },
                filter: "status IN ('Pending', 'In Progress')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_service_requests_open_desk_id_created_at_id",
                table: "service_requests");

            migrationBuilder.DropIndex(
                name: "ix_service_requests_open_desk_id_due_at_id",
                table: "service_requests");
        }
    }
}
