using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JlnbCrm.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReviewCalendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "anniversary",
                table: "clients",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "next_review_on",
                table: "clients",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_frequency",
                table: "clients",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.CreateIndex(
                name: "ix_clients_assigned_rm_id_next_review_on",
                table: "clients",
                columns: new[] { "assigned_rm_id", "next_review_on" });

            migrationBuilder.AddCheckConstraint(
                name: "ck_clients_review_frequency",
                table: "clients",
                sql: "review_frequency IN ('None', 'Monthly', 'Quarterly', 'Half-yearly', 'Yearly')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_clients_assigned_rm_id_next_review_on",
                table: "clients");

            migrationBuilder.DropCheckConstraint(
                name: "ck_clients_review_frequency",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "anniversary",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "next_review_on",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "review_frequency",
                table: "clients");
        }
    }
}
