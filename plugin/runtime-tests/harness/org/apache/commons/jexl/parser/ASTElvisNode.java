package org.apache.commons.jexl.parser;

import org.apache.commons.jexl.JexlContext;

/**
 * Stands in for the runtime's {@code a ?: b} (test.sh puts it first on the classpath) with the
 * meaning Jenkins' JEXL gives it: {@code a} unless it is null. The runtime's version falls through
 * on any false-like value too, so a checkbox saved unchecked came back checked when its form
 * declared {@code default="true"} ({@code instance[field] ?: default}), and an empty list of
 * build steps made a form evaluate {@code 'default' + null}.
 */
public class ASTElvisNode extends SimpleNode {
    public ASTElvisNode(int id) {
        super(id);
    }

    public ASTElvisNode(Parser p, int id) {
        super(p, id);
    }

    @Override
    public Object jjtAccept(ParserVisitor visitor, Object data) {
        return visitor.visit(this, data);
    }

    @Override
    public Object value(JexlContext jc) throws Exception {
        Object first = ((SimpleNode) jjtGetChild(0)).value(jc);
        return first != null ? first : ((SimpleNode) jjtGetChild(1)).value(jc);
    }
}
