// React only catches render errors in a class component; this one hands them to the wizard's exit.
import { Component, type ReactNode } from 'react';

/** Render bugs end the wizard with the message (not the stack) and the usual exit summary. */
export class WizardErrorBoundary extends Component<{ children: ReactNode; onCrash: (err: unknown) => void }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  componentDidCatch(err: unknown) {
    this.props.onCrash(err);
  }
  render() {
    return this.state.failed ? null : this.props.children;
  }
}
