/** What provisioning did, so that a second run can show it changed nothing. */
export class ProvisionLog {
  readonly createdResources: string[] = [];
  readonly updatedResources: string[] = [];
  readonly unchangedResources: string[] = [];

  created(what: string): void {
    this.createdResources.push(what);
  }
  updated(what: string): void {
    this.updatedResources.push(what);
  }
  unchanged(what: string): void {
    this.unchangedResources.push(what);
  }
  get changed(): boolean {
    return this.createdResources.length + this.updatedResources.length > 0;
  }
  summary(): string {
    return `${this.createdResources.length} created, ${this.updatedResources.length} updated, ${this.unchangedResources.length} unchanged`;
  }
}
