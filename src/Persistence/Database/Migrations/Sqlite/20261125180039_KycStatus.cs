using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JlnbCrm.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KycStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "kyc_checked_by_id",
                table: "clients",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "kyc_checked_on",
                table: "clients",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "kyc_status",
                table: "clients",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Not checked"); // existing clients have not been checked yet (the stored text is the display name)

            migrationBuilder.CreateIndex(
                name: "ix_clients_team_id_kyc_status",
                table: "clients",
                columns: new[] { "team_id", "kyc_status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_clients_team_id_kyc_status",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "kyc_checked_by_id",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "kyc_checked_on",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "kyc_status",
                table: "clients");
        }
    }
}
