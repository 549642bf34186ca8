//! The MCP front end: tools generated from the catalog, over streamable HTTP and stdio.
